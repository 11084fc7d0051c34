import { render } from 'preact';
import { PopupApp } from '../../components/PopupApp';
import { createBackgroundClient } from '../../lib/messaging/client';
import '../../components/theme.css';

render(<PopupApp client={createBackgroundClient()} />, document.getElementById('app')!);
