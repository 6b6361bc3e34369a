/** Stylesheets imported for their side effect: vite emits them as .css files linked from index.html. */
declare module '*.css';
