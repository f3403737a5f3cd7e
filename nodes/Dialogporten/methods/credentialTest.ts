/**
 * Node-side credential tests, named by `testedBy` in each node's credentials list. n8n uses them
 * only when the credential type has no declarative `test`.
 */
import { testMaskinportenCredential } from '../auth/credentialTest';

export const maskinportenApiTest = testMaskinportenCredential;
