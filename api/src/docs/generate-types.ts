/**
 * The extension and the other workspaces read the API's shapes as TypeScript
 * types generated from the OpenAPI document (openapi-typescript), kept in
 * @tamagitto/domain (db/domain/src/api/openapi.ts) so that nothing outside the
 * api imports the api. `npm run openapi -w api` rewrites the file; a test in
 * api/test/openapi.test.ts fails when it is stale.
 */
import openapiTS, { astToString } from 'openapi-typescript';

export const GENERATED_TYPES_PATH = new URL('../../../db/domain/src/api/openapi.ts', import.meta.url);

const HEADER = `/**
 * GENERATED from the api's OpenAPI document by \`npm run openapi -w api\`
 * (api/src/docs/generate-types.ts). Do not edit: change the route schemas in
 * api/src/<feature>/ and regenerate. api/test/openapi.test.ts fails while this
 * file is stale.
 */
`;

export async function generateApiTypes(document: unknown): Promise<string> {
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0], { exportType: true, alphabetize: true });
  return HEADER + astToString(ast);
}
