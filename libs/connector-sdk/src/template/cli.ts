import path from 'node:path';
import { scaffoldConnector } from './new-connector';

const name = process.argv[2];
if (!name) {
  console.error('usage: npm run connector:new -- <kebab-case-name>');
  process.exit(2);
}
scaffoldConnector(path.resolve(__dirname, '../../../connectors/src'), name)
  .then(({ folder, files }) => {
    console.log(`created ${folder}: ${files.join(', ')}`);
    console.log(`next: add '${name}' to CONNECTOR_TYPES (libs/contracts/src/lib/connectors.ts) and to`);
    console.log(
      'libs/connectors/src/registry.ts, replace the reading code and README.md, then run the contract test:',
    );
    console.log(
      `  NODE_OPTIONS=--experimental-vm-modules npx jest -c libs/connectors/jest.int.config.cjs libs/connectors/src/${name}`,
    );
  })
  .catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
