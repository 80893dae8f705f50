import { createRoot } from 'react-dom/client';
import '@ecl/preset-ec/dist/styles/ecl-ec.css';
import './styles.css';

createRoot(document.getElementById('root')!).render(<p className="ecl-u-type-paragraph">IMI</p>);
