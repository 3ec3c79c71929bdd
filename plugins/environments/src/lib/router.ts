// The one place this plugin imports react-router: the app provides it (a peer
// dependency), as for every Backstage plugin that routes inside its page.
export { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
