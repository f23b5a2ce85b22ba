/**
 * The library's pages below /library (one lazy route in web/src/routes.tsx): home with search,
 * frameworks, technologies, questionnaires and any object by URN.
 */
import { Route, Routes } from 'react-router'
import { NotFoundPage } from '../NotFoundPage.tsx'
import { FrameworkPage } from './FrameworkPage.tsx'
import { LibraryHomePage } from './LibraryHomePage.tsx'
import { ObjectPage } from './ObjectPage.tsx'
import { QuestionnairePage } from './QuestionnairePage.tsx'
import { TechnologyPage } from './TechnologyPage.tsx'

export function LibraryRoutes() {
  return (
    <Routes>
      <Route index element={<LibraryHomePage />} />
      <Route path="frameworks/:id" element={<FrameworkPage />} />
      <Route path="technologies/:id" element={<TechnologyPage />} />
      <Route path="questionnaires/:id" element={<QuestionnairePage />} />
      <Route path="object" element={<ObjectPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  )
}
