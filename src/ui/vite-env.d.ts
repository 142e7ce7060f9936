/// <reference types="vite/client" />

/** package.json's version, set by vite.config.ts (`define`), for reports. */
declare const __PODPATH_VERSION__: string;
