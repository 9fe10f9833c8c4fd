/** What the media bench's two processes agree on: the channel's app secret and number id. */
export const APP_SECRET = 'bench-app-secret';
export const PHONE_NUMBER_ID = '100200300';
