import { adminSettingsSuite } from './admin-settings.suite';
import { adminSuite } from './admin.suite';
import { adoptionSuite } from './adoption.suite';
import { businessCaseSuite } from './business-case.suite';
import { changeManagerSuite } from './change-manager.suite';
import { communitiesSuite } from './communities.suite';
import { connectorMaintainerSuite } from './connector-maintainer.suite';
import { dutchSuite } from './dutch.suite';
import { executiveSuite } from './executive.suite';
import { exportsSuite } from './exports.suite';
import { sharedDemoProduct } from './support/shared-product';

/**
 * The persona suites on one product started like `npm start` with the demo organisation: each suite used to
 * start its own (about 45 s each). Readers of the demo first; the suites that change it after, in this order.
 */
const shared = sharedDemoProduct();

executiveSuite(shared);
adoptionSuite(shared);
changeManagerSuite(shared);
communitiesSuite(shared);
businessCaseSuite(shared);
connectorMaintainerSuite(shared);
adminSettingsSuite(shared);
adminSuite(shared);
exportsSuite(shared);
dutchSuite(shared);
