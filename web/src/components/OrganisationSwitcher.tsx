/** Shows the current organisation; lets a member of several switch between them. */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useId } from 'react'
import { platformApi, queryKeys } from '../api/platform.ts'
import { t } from '../i18n/i18n.ts'
import { useSession } from '../lib/session.tsx'
import { ErrorNotice } from './Status.tsx'

export function OrganisationSwitcher() {
  const me = useSession()
  const queryClient = useQueryClient()
  const id = useId()
  const switchOrganisation = useMutation({
    mutationFn: platformApi.switchOrganisation,
    onSuccess: (next) => {
      // Everything cached under `org` belongs to the organisation we just left.
      queryClient.removeQueries({ queryKey: queryKeys.org })
      queryClient.setQueryData(queryKeys.me, next)
    },
  })

  if (me.memberships.length < 2) {
    return (
      <p className="org-current">
        <span className="visually-hidden">{t('shell.organisation')}: </span>
        {me.organisation.name}
      </p>
    )
  }

  return (
    <div className="org-switcher">
      <label htmlFor={id} className="visually-hidden">
        {t('shell.organisation')}
      </label>
      <select
        id={id}
        value={me.organisation.id}
        disabled={switchOrganisation.isPending}
        onChange={(event) => switchOrganisation.mutate(event.target.value)}
      >
        {me.memberships.map((membership) => (
          <option key={membership.organisation.id} value={membership.organisation.id}>
            {membership.organisation.name}
          </option>
        ))}
      </select>
      {switchOrganisation.isPending ? (
        <span className="visually-hidden" role="status">
          {t('shell.switching')}
        </span>
      ) : null}
      {switchOrganisation.isError ? <ErrorNotice error={switchOrganisation.error} /> : null}
    </div>
  )
}
