/// <reference types="node" />
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { nameOfUrn, type TNameSources } from './names.ts'

const titles = new Map([
  ['urn:custos:toolkit:requirement:T7.04', 'Retention limits'],
  ['urn:custos:icoc:provision:p30', 'Use of force'],
  ['urn:custos:method:topic:ai_rules', 'Rules on artificial intelligence'],
])
const sources: TNameSources = {
  titleOf: (urn) => titles.get(urn),
  parentOf: (urn) => (urn.startsWith('urn:custos:icoc:') ? 'urn:custos:icoc:framework:icoc' : undefined),
  shortOf: (urn) => (urn === 'urn:custos:icoc:framework:icoc' ? 'ICoC' : undefined),
  provisionRefOf: () => undefined,
}
const withRefs: TNameSources = {
  ...sources,
  provisionRefOf: (urn) =>
    ({
      'urn:custos:icoc:provision:p30': { ref: '¶30-32' },
      'urn:custos:gdpr:provision:art9': { ref: 'GDPR Art. 9', part: 'GDPR' },
      'urn:custos:euaiact:provision:art14': { ref: 'AI Act Art. 14', part: 'EU AI Act' },
    })[urn],
}

describe('nameOfUrn', () => {
  it('names a toolkit requirement by its number and title, on its page', () => {
    assert.deepEqual(nameOfUrn('urn:custos:toolkit:requirement:T7.04', sources), {
      ref: 'T7.04',
      isNumber: true,
      title: 'Retention limits',
      path: '/library/object?urn=urn%3Acustos%3Atoolkit%3Arequirement%3AT7.04',
    })
  })
  it('names a provision with its framework, never with its URN id', () => {
    const name = nameOfUrn('urn:custos:icoc:provision:p30', sources)
    assert.equal(name.ref, 'ICoC')
    assert.equal(name.title, 'Use of force')
  })
  it('cites a provision by its reference, with its part or framework once', () => {
    assert.equal(nameOfUrn('urn:custos:icoc:provision:p30', withRefs).ref, 'ICoC ¶30-32')
    assert.equal(nameOfUrn('urn:custos:gdpr:provision:art9', withRefs).ref, 'GDPR Art. 9')
    assert.equal(nameOfUrn('urn:custos:euaiact:provision:art14', withRefs).ref, 'AI Act Art. 14')
  })
  it('names a topic by its title alone, without its snake_case id', () => {
    const name = nameOfUrn('urn:custos:method:topic:ai_rules', sources)
    assert.equal(name.ref, undefined)
    assert.equal(name.title, 'Rules on artificial intelligence')
  })
  it('takes a title the API sent along over the index', () => {
    assert.equal(
      nameOfUrn('urn:custos:icoc:provision:p30', sources, 'Recours à la force').title,
      'Recours à la force',
    )
  })
  it('has no title, rather than an id, for an object the index does not know', () => {
    const name = nameOfUrn('urn:custos:method:topic:unknown_topic', sources)
    assert.equal(name.title, null)
    assert.equal(name.ref, undefined)
  })
})
