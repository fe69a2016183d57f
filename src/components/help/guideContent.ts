import source from '../../../resources/guide/用户指南.md?raw'
import { guideImageUrls, renderGuide } from './guideMarkdown'

/**
 * The user guide as the 帮助 page shows it: the same Markdown file as in the repository, with its
 * screenshots bundled as files (URLs only: the pictures load when the page shows them).
 */
const images = import.meta.glob<string>('../../../resources/guide/images/*.png', {
  eager: true,
  query: '?url',
  import: 'default',
})

export const guide = renderGuide(source, guideImageUrls(images))
