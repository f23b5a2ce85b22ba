/** The jurisdiction pages below /jurisdictions (one lazy route in web/src/routes.tsx): list and country. */
import { Route, Routes } from 'react-router'
import { NotFoundPage } from '../NotFoundPage.tsx'
import { JurisdictionPage } from './JurisdictionPage.tsx'
import { JurisdictionsPage } from './JurisdictionsPage.tsx'

export function JurisdictionRoutes() {
  return (
    <Routes>
      <Route index element={<JurisdictionsPage />} />
      <Route path=":code" element={<JurisdictionPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  )
}
