import { mount } from 'svelte';
import App from './App.svelte';
import './styles.css';

mount(App, { target: document.getElementById('app')! });

// Every edit is saved when its field changes; closing the window while typing in a field first
// ends the edit, so that change is sent to main too.
window.addEventListener('beforeunload', () => {
  if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
});
