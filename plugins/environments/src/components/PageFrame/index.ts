export { InHostLayout, PageFrame } from './PageFrame';
export type { PageFrameProps, PageLink } from './PageFrame';
