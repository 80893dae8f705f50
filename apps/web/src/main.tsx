import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@ecl/preset-ec/dist/styles/ecl-ec.css';
import './styles.css';
import { App } from './App';
import { browserLanguage, I18nProvider } from './i18n/i18n';

// Before sign-in the browser's language; after it, the language the user chose last time.
const initial = browserLanguage();
document.documentElement.lang = initial;
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider initial={initial}>
      <App />
    </I18nProvider>
  </StrictMode>,
);
