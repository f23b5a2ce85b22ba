import { useEffect } from 'react'
import { t } from '../i18n/i18n.ts'

/** Sets the tab title to "<page> · Custos" so history, tabs and screen readers name the page. */
export function useDocumentTitle(page: string): void {
  useEffect(() => {
    document.title = `${page} · ${t('app.name')}`
  }, [page])
}
