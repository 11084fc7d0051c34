// Imported first by the background entry, so this mark is the worker script's first statement.
import { mark } from '../marks';

mark('script-start');
