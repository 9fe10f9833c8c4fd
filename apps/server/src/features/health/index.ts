// Health offers nothing to other features: app.ts registers health.routes.ts with its checks.
// The file exists so every feature has the same front door, even an empty one.
export {};
