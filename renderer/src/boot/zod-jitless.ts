import { z } from 'zod'

// Zod probes `new Function('')` to decide whether it may compile parsers; under the page's CSP
// (no 'unsafe-eval') that probe is a logged violation. Tell it up front not to try.
z.config({ jitless: true })
