// The release's version: js/bundle.mjs writes package.json's "version" into the placeholder.
export const VERSION = /*TABI_VERSION*/'0.0.0';
