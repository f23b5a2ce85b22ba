/** The organisation's name, editable by owners and administrators. */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { LIMITS } from '../../../../src/modules/platform/limits.ts'
import { fieldIssue } from '../../api/errors.ts'
import { platformApi, queryKeys } from '../../api/platform.ts'
import { Field } from '../../components/Field.tsx'
import { ErrorNotice, SuccessNotice } from '../../components/Status.tsx'
import { t } from '../../i18n/i18n.ts'
import { kindLabel } from '../../lib/labels.ts'
import { useSession } from '../../lib/session.tsx'

export function DetailsSection({ isManager }: { isManager: boolean }) {
  const me = useSession()
  const queryClient = useQueryClient()
  const [name, setName] = useState(me.organisation.name)
  const rename = useMutation({
    mutationFn: platformApi.renameOrganisation,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.me }),
        queryClient.invalidateQueries({ queryKey: queryKeys.org }),
      ])
    },
  })

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    rename.mutate(name.trim())
  }

  return (
    <section className="card" aria-labelledby="org-details">
      <h2 id="org-details">{t('org.detailsHeading')}</h2>
      {isManager ? (
        <form className="inline-form" onSubmit={onSubmit}>
          <Field label={t('org.name')} error={fieldIssue(rename.error, 'name')}>
            <input
              type="text"
              name="organisationName"
              required
              maxLength={LIMITS.orgNameMax}
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          </Field>
          <button
            type="submit"
            className="button button-primary"
            disabled={rename.isPending || name.trim() === '' || name.trim() === me.organisation.name}
          >
            {rename.isPending ? t('org.renaming') : t('org.rename')}
          </button>
        </form>
      ) : (
        <p>{me.organisation.name}</p>
      )}
      <p className="muted small">
        {kindLabel(me.organisation.kind)} · <code>{me.organisation.slug}</code>
      </p>
      {rename.isError ? <ErrorNotice error={rename.error} fieldLabels={{ name: t('org.name') }} /> : null}
      {rename.isSuccess ? <SuccessNotice>{t('org.renamed')}</SuccessNotice> : null}
    </section>
  )
}
