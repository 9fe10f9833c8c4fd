import { z } from 'zod';

// For browser pages under a Content-Security-Policy without 'unsafe-eval'. Zod decides whether
// to compile parsers with `new Function` when each schema is defined, and merely probing for it
// is reported as a violation; so browser entry points import this module before any other.
z.config({ jitless: true });
