// Imported first by the background entry, so this mark is the worker script's first statement: the
// benchmark measures index-ready from here (and the worker's own start-up before it separately).
performance.mark('paper-lens:script-start');
