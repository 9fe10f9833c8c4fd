export {
  DEMO_EMBED_ORIGINS,
  DEMO_IDENTITY_SECRET,
  DEMO_PASSWORD,
  DEMO_STAFF,
  demoBanner,
  seedDemo,
} from './demo.seed.ts';
