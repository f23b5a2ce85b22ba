/** API: upload a decision log, read the audit and its report, roles, tenant isolation. */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { before, describe, it } from 'node:test'
import { browserSkipReason } from '../../../test/e2e/helpers/browser.ts'
import {
  buildOrg,
  buildUser,
  createTestApp,
  expectCrossTenant404,
  expectError,
  login,
  request,
  type TSession,
  type TTestApp,
  type TTestOrg,
} from '../../../test/helpers/app.ts'
import { forEachDatabase } from '../../../test/helpers/db.ts'
import { HOUR_MS } from '../../core/time.ts'
import { findBiasAudit, finishBiasAudit, insertBiasAudit, listBiasAudits } from './repository.ts'
import type { TBiasAudit, TBiasAuditSummary } from './schemas.ts'
import { presentedStatus, reportFileName, STALE_RUNNING_AFTER_MS } from './service.ts'

describe('presentedStatus (an orphaned run is shown as failed, derived at read time)', () => {
  const created = '2026-03-01T00:00:00.000Z'
  const at = (ms: number): Date => new Date(Date.parse(created) + ms)
  // [stored status, time since creation, shown status]; the limit is 6 h = 21,600,000 ms, exclusive.
  const table: [string, number, string][] = [
    ['running', 0, 'running'],
    ['running', 6 * HOUR_MS, 'running'],
    ['running', 6 * HOUR_MS + 1, 'failed'],
    ['running', 30 * 24 * HOUR_MS, 'failed'],
    ['done', 30 * 24 * HOUR_MS, 'done'],
    ['done', 0, 'done'],
  ]
  for (const [status, age, shown] of table) {
    it(`shows ${status} after ${age} ms as ${shown}`, () => {
      assert.equal(STALE_RUNNING_AFTER_MS, 21_600_000)
      assert.equal(presentedStatus({ status, created_at: created }, at(age)), shown)
    })
  }
})

/** The PDF download needs Chromium and poppler's pdftotext (both required when REQUIRE_BROWSER=1). */
const pdfSkip = browserSkipReason() ?? (existsSync('/usr/bin/pdftotext') ? false : 'no /usr/bin/pdftotext')

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/bias')
const labels = readFileSync(join(FIXTURES, 'labels.csv'), 'utf8')
const UPLOAD = '/api/bias-audits?group=sex&label=label&pred=pred&fileName=labels.csv'

forEachDatabase('bias audit API', (handle) => {
  let ctx: TTestApp
  let org: TTestOrg
  let session: TSession

  before(async () => {
    ctx = createTestApp(handle)
    org = await buildOrg(ctx)
    session = await login(ctx, await buildUser(ctx, org, 'assessor'))
  })

  describe('upload and read', () => {
    let audit: TBiasAudit

    it('audits an uploaded log and returns the same report as the CLI JSON', async () => {
      const res = await request(ctx, 'POST', UPLOAD, {
        session,
        rawBody: labels,
        headers: { 'content-type': 'text/csv' },
      })
      assert.equal(res.status, 201, res.text)
      audit = res.body as TBiasAudit
      assert.equal(audit.status, 'done')
      assert.equal(audit.fileName, 'labels.csv')
      assert.equal(audit.bytesRead, Buffer.byteLength(labels))
      const report = audit.result as { rows: number; skipped: number; groups: { key: string; tp: number }[] }
      assert.equal(report.rows, 7)
      assert.equal(report.skipped, 3)
      assert.deepEqual(
        report.groups.map((g) => g.key),
        ['sex=F', 'sex=M'],
      )
    })

    it('lists the audit and reads it back by id', async () => {
      const list = await request(ctx, 'GET', '/api/bias-audits', { session })
      assert.equal(list.status, 200)
      const items = (list.body as { items: TBiasAuditSummary[] }).items
      assert.ok(items.some((i) => i.id === audit.id && i.status === 'done'))
      assert.ok(!('result' in items[0]!), 'the list leaves the report out')
      const one = await request(ctx, 'GET', `/api/bias-audits/${audit.id}`, { session })
      assert.equal(one.status, 200)
      assert.deepEqual((one.body as TBiasAudit).result, audit.result)
    })

    it('refuses a log it cannot read with 422 and keeps no record of it', async () => {
      const before = (
        (await request(ctx, 'GET', '/api/bias-audits', { session })).body as {
          items: TBiasAuditSummary[]
        }
      ).items.length
      const res = await request(ctx, 'POST', '/api/bias-audits?group=region&label=label&pred=pred', {
        session,
        rawBody: labels,
        headers: { 'content-type': 'text/csv' },
      })
      expectError(res, 422, 'validation_failed')
      assert.match((res.body as { error: { message: string } }).error.message, /Column "region"/)
      const list = (await request(ctx, 'GET', '/api/bias-audits', { session })).body as {
        items: TBiasAuditSummary[]
      }
      assert.equal(list.items.length, before)
    })

    it('writes an audit-trail event for a finished audit', async () => {
      const owner = await login(ctx, await buildUser(ctx, org, 'owner'))
      const page = (await request(ctx, 'GET', '/api/org/audit', { session: owner })).body as {
        events: { action: string; entityId: string | null }[]
      }
      assert.ok(page.events.some((e) => e.action === 'bias_audit.created' && e.entityId === audit.id))
    })

    it('rejects contradictory options before recording anything', async () => {
      const res = await request(ctx, 'POST', '/api/bias-audits?group=sex&label=label', {
        session,
        rawBody: labels,
        headers: { 'content-type': 'text/csv' },
      })
      expectError(res, 422, 'validation_failed')
    })

    it('keeps another organisation out (404, same as a made-up id)', async () => {
      await expectCrossTenant404({
        ctx,
        method: 'GET',
        path: `/api/bias-audits/${audit.id}`,
        ownerOrg: org,
        objectId: audit.id,
      })
    })

    it('lets a viewer read but not upload', async () => {
      const viewer = await login(ctx, await buildUser(ctx, org, 'viewer'))
      assert.equal((await request(ctx, 'GET', '/api/bias-audits', { session: viewer })).status, 200)
      const res = await request(ctx, 'POST', UPLOAD, {
        session: viewer,
        rawBody: labels,
        headers: { 'content-type': 'text/csv' },
      })
      expectError(res, 403, 'forbidden')
    })

    it('keeps the parameters used and the SHA-256 of the uploaded bytes, in the list too', async () => {
      const sha256 = createHash('sha256').update(labels).digest('hex')
      assert.equal(audit.sha256, sha256)
      assert.deepEqual(audit.parameters, {
        group: ['sex'],
        label: 'label',
        pred: 'pred',
        score: null,
        threshold: null,
        positive: null,
        weight: null,
        reference: null,
        minGroupSize: 30,
        maxGroups: null,
        bootstrap: null,
        faceMatch: false,
      })
      const list = await request(ctx, 'GET', '/api/bias-audits', { session })
      const listed = (list.body as { items: TBiasAuditSummary[] }).items.find((i) => i.id === audit.id)
      assert.equal(listed?.sha256, sha256)
      assert.deepEqual(listed?.parameters, audit.parameters)
      const read = await request(ctx, 'GET', `/api/bias-audits/${audit.id}`, { session })
      assert.deepEqual((read.body as TBiasAudit).result, audit.result)
    })

    it('stores a score, threshold, bootstrap and the hash of gzip bytes as sent', async () => {
      const scored = 'sex,label,score\nF,1,0.9\nF,0,0.2\nM,1,0.7\nM,0,0.65\n'
      const gz = spawnSync('gzip', ['-c'], { input: scored })
      const res = await ctx.app.request(
        '/api/bias-audits?group=sex&label=label&score=score&threshold=0.6&bootstrap=20&seed=4&minGroupSize=1&faceMatch=true&fileName=s.csv.gz',
        {
          method: 'POST',
          headers: {
            cookie: session.cookie,
            'x-csrf-token': session.csrf,
            'content-type': 'application/gzip',
          },
          body: gz.stdout,
        },
      )
      assert.equal(res.status, 201, await res.clone().text())
      const body = (await res.json()) as TBiasAudit
      assert.equal(body.sha256, createHash('sha256').update(gz.stdout).digest('hex'))
      assert.deepEqual(
        {
          score: body.parameters?.score,
          threshold: body.parameters?.threshold,
          bootstrap: body.parameters?.bootstrap,
          minGroupSize: body.parameters?.minGroupSize,
          faceMatch: body.parameters?.faceMatch,
        },
        {
          score: 'score',
          threshold: 0.6,
          bootstrap: { replicates: 20, seed: 4 },
          minGroupSize: 1,
          faceMatch: true,
        },
      )
    })

    it('downloads the stored result as the HTML report, an attachment with the figures', async () => {
      const res = await request(ctx, 'GET', `/api/bias-audits/${audit.id}/report.html`, { session })
      assert.equal(res.status, 200, res.text)
      assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8')
      assert.equal(res.headers.get('content-disposition'), 'attachment; filename="bias-audit-labels.html"')
      assert.match(res.text, /^<!doctype html>/)
      assert.match(res.text, /7 rows read, 3 skipped/)
      assert.match(res.text, /Decision log: labels\.csv, SHA-256 <code class="hash">[0-9a-f]{64}<\/code>/)
      assert.match(res.text, /<th scope="row">sex=F<\/th>/)
    })

    it('downloads the PDF report printed by Chromium, read back with pdftotext', {
      skip: pdfSkip,
    }, async () => {
      const res = await ctx.app.request(`/api/bias-audits/${audit.id}/report.pdf`, {
        headers: { cookie: session.cookie },
      })
      assert.equal(res.status, 200, res.status === 200 ? '' : await res.text())
      assert.equal(res.headers.get('content-type'), 'application/pdf')
      assert.equal(res.headers.get('content-disposition'), 'attachment; filename="bias-audit-labels.pdf"')
      const pdf = Buffer.from(await res.arrayBuffer())
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-')
      const dir = mkdtempSync(join(tmpdir(), 'custos-api-pdf-'))
      try {
        writeFileSync(join(dir, 'r.pdf'), pdf)
        const text = spawnSync('/usr/bin/pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], {
          encoding: 'utf8',
        })
        assert.equal(text.status, 0, text.stderr)
        assert.match(text.stdout, /7 rows read, 3 skipped/)
        assert.match(text.stdout, /sex=F/)
        assert.match(text.stdout, /labels\.csv/)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    })

    it('refuses a report while the audit has no result, and is 404 for an unknown id', async () => {
      const user = await buildUser(ctx, org, 'viewer')
      const viewer = await login(ctx, user)
      const id = `running-${Date.now()}`
      await insertBiasAudit(ctx.db, {
        id,
        org_id: org.id,
        created_by: user.id,
        file_name: 'r.csv',
        status: 'running',
        bytes_read: 0,
        options: '{}',
        result: null,
        result_bytes: 0,
        parameters: null,
        sha256: null,
        created_at: ctx.clock.now().toISOString(),
        finished_at: null,
      })
      const running = await request(ctx, 'GET', `/api/bias-audits/${id}/report.html`, { session: viewer })
      expectError(running, 409, 'conflict')
      assert.match(running.text, /still running/)
      expectError(
        await request(ctx, 'GET', '/api/bias-audits/no-such-audit/report.pdf', { session: viewer }),
        404,
        'not_found',
      )
      expectError(
        await request(ctx, 'GET', `/api/bias-audits/${audit.id}/report.html`, {}),
        401,
        'unauthenticated',
      )
    })

    it('names the field of a missing column or a bad number, with the API names, never a flag', async () => {
      const missing = await request(ctx, 'POST', '/api/bias-audits?group=sex&label=truth&pred=pred', {
        session,
        rawBody: labels,
        headers: { 'content-type': 'text/csv' },
      })
      expectError(missing, 422, 'validation_failed')
      const error = (missing.body as { error: { message: string; issues: unknown } }).error
      assert.match(error.message, /^Column "truth" \(label\) is not in the header\. Columns: /)
      assert.deepEqual(error.issues, [{ path: 'label', message: 'Column "truth" is not in the header.' }])
      const big = await request(ctx, 'POST', `${UPLOAD}&bootstrap=100001`, {
        session,
        rawBody: labels,
        headers: { 'content-type': 'text/csv' },
      })
      expectError(big, 422, 'validation_failed')
      const bigError = (big.body as { error: { message: string; issues: { path: string }[] } }).error
      assert.deepEqual(
        bigError.issues.map((i) => i.path),
        ['bootstrap'],
      )
      for (const text of [error.message, bigError.message]) assert.doesNotMatch(text, /--/)
    })

    it('needs a session', async () => {
      expectError(await request(ctx, 'GET', '/api/bias-audits', {}), 401, 'unauthenticated')
    })
  })

  describe('an orphaned running audit (fake clock)', () => {
    it('is shown as failed after six hours without a write on read, and a late finish shows done', async () => {
      const user = await buildUser(ctx, org, 'assessor')
      const id = `orphan-${Date.now()}`
      await insertBiasAudit(ctx.db, {
        id,
        org_id: org.id,
        created_by: user.id,
        file_name: 'orphan.csv',
        status: 'running',
        bytes_read: 10,
        options: '{}',
        result: null,
        result_bytes: 0,
        parameters: null,
        sha256: null,
        created_at: ctx.clock.now().toISOString(),
        finished_at: null,
      })
      const shown = async (): Promise<{ one: TBiasAudit; listed: TBiasAuditSummary | undefined }> => {
        // A fresh session each time: the fake clock moves by hours.
        const s = await login(ctx, user)
        const one = (await request(ctx, 'GET', `/api/bias-audits/${id}`, { session: s })).body as TBiasAudit
        const list = (await request(ctx, 'GET', '/api/bias-audits', { session: s })).body as {
          items: TBiasAuditSummary[]
        }
        return { one, listed: list.items.find((i) => i.id === id) }
      }

      let seen = await shown()
      assert.equal(seen.one.status, 'running')
      ctx.clock.advance(STALE_RUNNING_AFTER_MS)
      seen = await shown()
      assert.equal(seen.one.status, 'running', 'exactly six hours is not yet stale')

      ctx.clock.advance(1)
      seen = await shown()
      assert.equal(seen.one.status, 'failed')
      assert.equal(seen.listed?.status, 'failed')
      assert.equal(seen.one.finishedAt, null)
      assert.equal(seen.one.result, null)
      const stored = await findBiasAudit(ctx.db, org.id, id)
      assert.equal(stored?.status, 'running', 'reading wrote nothing')

      await finishBiasAudit(ctx.db, org.id, id, {
        status: 'done',
        bytes_read: 20,
        result: '{"rows":1}',
        finished_at: ctx.clock.now().toISOString(),
      })
      seen = await shown()
      assert.equal(seen.one.status, 'done')
      assert.deepEqual(seen.one.result, { rows: 1 })
    })
  })
})

forEachDatabase('a 50,000-group upload', (handle) => {
  it('is refused with a 422 naming the column, quickly, while /healthz keeps answering', async () => {
    const ctx = createTestApp(handle)
    const org = await buildOrg(ctx)
    const session = await login(ctx, await buildUser(ctx, org, 'assessor'))
    // The outside probe's case: a small CSV (about 0.6 MB) with a distinct value in every row.
    const body = `region,label,pred\n${Array.from({ length: 50_000 }, (_, i) => `r${i},1,0\n`).join('')}`
    const started = performance.now()
    const upload = request(ctx, 'POST', '/api/bias-audits?group=region&label=label&pred=pred', {
      session,
      rawBody: body,
      headers: { 'content-type': 'text/csv' },
    })
    const health = request(ctx, 'GET', '/healthz').then((res) => ({
      status: res.status,
      ms: performance.now() - started,
    }))
    const res = await upload
    const ms = performance.now() - started
    expectError(res, 422, 'validation_failed')
    const message = (res.body as { error: { message: string } }).error.message
    assert.match(message, /column "region"/)
    assert.doesNotMatch(message, /--/, 'the API names its own options')
    // Bounds, not benchmarks: generous for a busy two-core machine.
    assert.ok(ms < 1000, `refused after ${Math.round(ms)} ms`)
    const probe = await health
    assert.equal(probe.status, 200)
    assert.ok(probe.ms < 1000, `/healthz answered after ${Math.round(probe.ms)} ms`)
    assert.deepEqual(await listBiasAudits(handle.db, org.id, 10), [], 'nothing is kept of a refused upload')
  })
})

describe('reportFileName (a safe attachment name from the uploaded file name)', () => {
  const table: [string, 'html' | 'pdf', string][] = [
    ['labels.csv', 'html', 'bias-audit-labels.html'],
    ['log.csv.gz', 'pdf', 'bias-audit-log.pdf'],
    ['"; rm -rf /.csv', 'html', 'bias-audit-rm-rf.html'],
    ['../../etc/passwd', 'html', 'bias-audit-etc-passwd.html'],
    ['Évaluation été 2026.csv', 'pdf', 'bias-audit-Evaluation-ete-2026.pdf'],
    ['مرحبا.csv', 'html', 'bias-audit-decision-log.html'],
    ['', 'html', 'bias-audit-decision-log.html'],
  ]
  for (const [name, format, expected] of table) {
    it(`${JSON.stringify(name)} → ${expected}`, () => assert.equal(reportFileName(name, format), expected))
  }
})
