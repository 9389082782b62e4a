// Literal constants, not read from package.json at run time: provider code runs from a serialized closure where the
// package's files may not be next to it. A test keeps CLIENT_VERSION in sync with package.json.

/** Version of this library, sent in the User-Agent. */
export const CLIENT_VERSION = "0.1.0";

/** Cloud API version this client speaks (the `Cc-Version` header). */
export const API_VERSION = "2024-09-16";

export const USER_AGENT = `crdb-private-endpoints/${CLIENT_VERSION}`;
