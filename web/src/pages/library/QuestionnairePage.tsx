/**
 * One questionnaire: its sections and questions, each with its answer type, whether it is required,
 * why it is asked, when it is asked (the condition in plain words), its options and what each
 * answer does (satisfies or fails a requirement, raises or mitigates a risk, red flags, scores).
 */
import { useQuery } from '@tanstack/react-query'
import { useEffect, useMemo, useRef } from 'react'
import { useLocation, useParams } from 'react-router'
import {
  libraryApi,
  libraryKeys,
  type TLibraryLocale,
  type TQuestionnaireView,
  type TQuestionView,
} from '../../api/library.ts'
import { QueryView } from '../../components/QueryView.tsx'
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts'
import {
  answerLabel,
  describeCondition,
  effectDetail,
  effectItem,
  type TDescribeContext,
  type TEffectItem,
} from './describe.ts'
import { questionAnchor } from './links.ts'
import { lt, type TLibraryMessageKey } from './messages.ts'
import {
  Breadcrumbs,
  LibraryPage,
  LocaleSwitch,
  libraryPaths,
  type TLookups,
  UrnBlock,
  UrnLink,
  useLibraryLocale,
  useLookups,
} from './parts.tsx'

export function QuestionnairePage() {
  const { id = '' } = useParams()
  const locale = useLibraryLocale()
  const lookups = useLookups(locale)
  const questionnaire = useQuery({
    queryKey: libraryKeys.questionnaire(id, locale),
    queryFn: ({ signal }) => libraryApi.questionnaire(id, locale, signal),
  })
  useDocumentTitle(questionnaire.data?.title ?? lt('library.title'))
  return (
    <LibraryPage>
      <Breadcrumbs
        locale={locale}
        crumbs={[
          { label: lt('library.title'), to: libraryPaths.home },
          { label: lt('library.questionnairesHeading'), to: libraryPaths.home },
          { label: questionnaire.data?.title ?? '…' },
        ]}
      />
      <QueryView query={questionnaire}>
        {(data) => <Questionnaire questionnaire={data} locale={locale} lookups={lookups} />}
      </QueryView>
    </LibraryPage>
  )
}

function Questionnaire({
  questionnaire,
  locale,
  lookups,
}: {
  questionnaire: TQuestionnaireView & { textLanguages: string[] }
  locale: TLibraryLocale
  lookups: TLookups
}) {
  const body = useRef<HTMLDivElement>(null)
  const { hash } = useLocation()
  useEffect(() => {
    if (hash.length < 2) return
    const target = document.getElementById(decodeURIComponent(hash.slice(1)))
    if (target instanceof HTMLDetailsElement) target.open = true
    target?.scrollIntoView({ block: 'start' })
  }, [hash])
  const ctx: TDescribeContext = useMemo(() => {
    const byId = new Map(questionnaire.questions.map((question) => [question.id, question]))
    return { titleOf: lookups.titleOf, question: (questionId) => byId.get(questionId) }
  }, [questionnaire.questions, lookups.titleOf])
  const setAll = (isOpen: boolean) => {
    // The questions only: a URN's own fold stays shut unless asked for.
    for (const details of body.current?.querySelectorAll<HTMLDetailsElement>('details.lib-item') ?? [])
      details.open = isOpen
  }

  return (
    <>
      <header className="page-header">
        <p className="eyebrow">{lt(`q.kind.${questionnaire.kind}`)}</p>
        <h1>{questionnaire.title}</h1>
        {questionnaire.description ? <p>{questionnaire.description}</p> : null}
        <p className="lib-counts">
          <span>{lt('library.countSections', { count: questionnaire.sections.length })}</span>
          <span>{lt('library.countQuestions', { count: questionnaire.questions.length })}</span>
        </p>
        <UrnBlock urn={questionnaire.urn} version={questionnaire.version} />
        <LocaleSwitch locale={locale} textLanguages={questionnaire.textLanguages} />
      </header>

      <nav aria-labelledby="q-sections" className="card lib-toc">
        <h2 id="q-sections">{lt('q.sections')}</h2>
        <ol>
          {questionnaire.sections.map((section) => (
            <li key={section.id}>
              <a href={`#section-${section.id}`}>{section.title}</a>
              <span className="muted small">
                {' '}
                ·{' '}
                {lt('q.count', {
                  count: questionnaire.questions.filter((q) => q.section === section.id).length,
                })}
              </span>
            </li>
          ))}
        </ol>
      </nav>

      <div className="lib-toolbar">
        <button
          type="button"
          className="button button-secondary"
          onClick={() => setAll(true)}
          data-testid="open-all"
        >
          {lt('framework.expandAll')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setAll(false)}>
          {lt('framework.collapseAll')}
        </button>
      </div>

      <div ref={body}>
        {questionnaire.sections.map((section) => (
          <section
            key={section.id}
            id={`section-${section.id}`}
            className="lib-area"
            aria-labelledby={`section-${section.id}-h`}
          >
            <h2 id={`section-${section.id}-h`}>{section.title}</h2>
            {section.description ? <p>{section.description}</p> : null}
            <p className="muted small lib-counts">
              {section.area ? (
                <span>
                  {lt('q.area')}: <UrnLink urn={section.area} locale={locale} lookups={lookups} />
                </span>
              ) : null}
              {section.weight !== undefined ? (
                <span>{lt('q.weight', { weight: section.weight })}</span>
              ) : null}
            </p>
            <div className="lib-items">
              {questionnaire.questions
                .filter((question) => question.section === section.id)
                .map((question) => (
                  <Question
                    key={question.urn}
                    question={question}
                    ctx={ctx}
                    locale={locale}
                    lookups={lookups}
                  />
                ))}
            </div>
          </section>
        ))}
      </div>
    </>
  )
}

function Question({
  question,
  ctx,
  locale,
  lookups,
}: {
  question: TQuestionView
  ctx: TDescribeContext
  locale: TLibraryLocale
  lookups: TLookups
}) {
  const effects = Object.entries(question.effects ?? {})
  return (
    <details id={questionAnchor(question.id)} className="lib-item" data-testid="question">
      <summary>
        <h3 className="lib-item-title">
          <span className="lib-ref-id">{question.id}</span> {question.text}
        </h3>
        <span className="lib-tags">
          <span className="badge lib-kind">{lt(`q.type.${question.type}`)}</span>
          <span className="badge lib-kind">{question.required ? lt('q.required') : lt('q.optional')}</span>
          {question.when ? (
            <span className="badge lib-kind lib-conditional">{lt('q.conditional')}</span>
          ) : null}
        </span>
      </summary>
      <div className="lib-body">
        {question.when ? (
          <p className="lib-condition" data-testid="condition">
            <strong>{lt('q.askedWhen')}:</strong> {describeCondition(question.when, ctx)}
          </p>
        ) : null}
        {question.help ? (
          <>
            <h4>{lt('q.help')}</h4>
            <p>{question.help}</p>
          </>
        ) : null}
        {question.options && question.options.length > 0 ? (
          <>
            <h4>{lt('q.options')}</h4>
            <ul>
              {question.options.map((option) => (
                <li key={option.value}>
                  {option.label}
                  {option.help ? <span className="muted small"> — {option.help}</span> : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {question.min !== undefined || question.max !== undefined || question.unit ? (
          <p className="small">
            {lt('q.range')}: {question.min ?? '…'}–{question.max ?? '…'} {question.unit ?? ''}
          </p>
        ) : null}
        {question.evidenceRequired ? <p className="small">{lt('q.evidenceRequired')}</p> : null}
        {effects.length > 0 ? (
          <>
            <h4>{lt('q.effects')}</h4>
            <dl className="lib-effects" data-testid="effects">
              {effects.map(([value, list]) => (
                <div key={value}>
                  <dt>{lt('q.answer', { value: answerLabel(value, question.options) })}</dt>
                  <dd>
                    <ul>
                      {keyedEffects(list).map(({ key, effect }) => (
                        <Effect key={key} item={effectItem(effect)} locale={locale} lookups={lookups} />
                      ))}
                    </ul>
                  </dd>
                </div>
              ))}
            </dl>
          </>
        ) : null}
        <UrnBlock urn={question.urn} version={question.version} isOfficial={question.official} />
      </div>
    </details>
  )
}

/** Stable keys for a list of effects: the effect itself, numbered when the same one repeats. */
function keyedEffects(list: Record<string, unknown>[]): { key: string; effect: Record<string, unknown> }[] {
  const seen = new Map<string, number>()
  return list.map((effect) => {
    const json = JSON.stringify(effect)
    const count = (seen.get(json) ?? 0) + 1
    seen.set(json, count)
    return { key: `${json}#${count}`, effect }
  })
}

const EFFECT_LABELS: Record<TEffectItem['kind'], TLibraryMessageKey> = {
  satisfies: 'effect.satisfies',
  fails: 'effect.fails',
  raises: 'effect.raises',
  mitigates: 'effect.mitigates',
  red_flag: 'effect.redFlag',
  score: 'effect.score',
  other: 'effect.other',
}

function Effect({ item, locale, lookups }: { item: TEffectItem; locale: TLibraryLocale; lookups: TLookups }) {
  const detail = effectDetail(item)
  return (
    <li className={`lib-effect lib-effect-${item.kind}`}>
      <span className="lib-effect-label">{lt(EFFECT_LABELS[item.kind])}:</span>{' '}
      {'urn' in item ? <UrnLink urn={item.urn} locale={locale} lookups={lookups} /> : null}
      {item.kind === 'red_flag' ? item.text : null}
      {item.kind === 'score' ? lt('effect.points', { points: item.points }) : null}
      {detail ? <span className="muted"> ({detail})</span> : null}
    </li>
  )
}
