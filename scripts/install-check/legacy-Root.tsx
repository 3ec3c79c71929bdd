// packages/app/src/components/Root/Root.tsx (legacy frontend system): the sidebar item
import LayersIcon from '@material-ui/icons/Layers';

// in the "Menu" <SidebarGroup>, e.g. after the Create... item:
        <SidebarItem icon={LayersIcon} to="environments" text="Environments" />
