import {
  Content,
  ContentHeader,
  Header,
  HeaderLabel,
  Page,
} from '@backstage/core-components';
import { BreadcrumbEntry, useRouteRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { createContext, ReactNode, useContext } from 'react';
import { useLocation } from '../../lib/router';
import { rootRouteRef } from '../../routes';

/**
 * Whether the pages sit in the host app's page layout (new frontend system:
 * the app draws the plugin header with its breadcrumbs) or draw their own
 * Backstage header (legacy apps).
 */
const HostLayoutContext = createContext(false);

/** Frames the pages below it for the host app's page layout. */
export function InHostLayout(props: { children: ReactNode }) {
  return (
    <HostLayoutContext.Provider value>
      {props.children}
    </HostLayoutContext.Provider>
  );
}

/** A link to another page of the plugin. */
export type PageLink = { label: string; href: string };

/** Props of {@link PageFrame}. */
export interface PageFrameProps {
  title: string;
  subtitle?: string;
  /** The page this one belongs to; the list page has none. */
  parent?: PageLink;
  /** Facts about what the page shows, e.g. a template's version. */
  labels?: ReadonlyArray<{ label: string; value: ReactNode }>;
  /** Buttons of the page, at the top right of its content. */
  actions?: ReactNode;
  children: ReactNode;
}

/**
 * A page of the plugin with its title, in the frame of the app it runs in:
 * in the new frontend system below the host's plugin header (title and
 * breadcrumbs), as the catalog pages are; in legacy apps with its own
 * Backstage header.
 */
export function PageFrame(props: PageFrameProps) {
  return useContext(HostLayoutContext) ? (
    <HostLayoutFrame {...props} />
  ) : (
    <OwnHeaderFrame {...props} />
  );
}

function OwnHeaderFrame(props: PageFrameProps) {
  const { title, subtitle, parent, labels, actions, children } = props;
  return (
    <Page themeId="tool">
      <Header
        title={title}
        subtitle={subtitle}
        type={parent?.label}
        typeLink={parent?.href}
      >
        {labels?.map(({ label, value }) => (
          <HeaderLabel key={label} label={label} value={value} />
        ))}
      </Header>
      <Content>
        {actions && <ContentHeader title="">{actions}</ContentHeader>}
        {children}
      </Content>
    </Page>
  );
}

function HostLayoutFrame(props: PageFrameProps) {
  const { title, subtitle, parent, labels, actions, children } = props;
  const rootLink = useRouteRef(rootRouteRef);
  const { pathname } = useLocation();
  // The host's layout shows the plugin's root page as the first breadcrumb.
  const trail: PageLink[] = [];
  if (parent) {
    if (parent.href !== rootLink?.()) {
      trail.push(parent);
    }
    trail.push({ label: title, href: pathname });
  }
  const page = (
    <Content>
      <ContentHeader
        title={title}
        description={subtitle}
        // Below a breadcrumb the host shows no page title: this one is the page's heading.
        titleComponent={
          parent ? (
            <Typography
              variant="h4"
              component="h1"
              style={{ display: 'inline-flex', marginBottom: 0 }}
            >
              {title}
            </Typography>
          ) : undefined
        }
      >
        {actions}
      </ContentHeader>
      {labels && (
        <Box display="flex" flexWrap="wrap" mt={-1} mb={2} style={{ gap: 24 }}>
          {labels.map(({ label, value }) => (
            <Box key={label}>
              <Typography variant="caption" color="textSecondary">
                {label}
              </Typography>
              <Typography variant="body2" component="div">
                {value}
              </Typography>
            </Box>
          ))}
        </Box>
      )}
      {children}
    </Content>
  );
  return trail.reduceRight(
    (inner, entry) => <BreadcrumbEntry entry={entry}>{inner}</BreadcrumbEntry>,
    page,
  );
}
