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
import { DUTCH, ENGLISH } from './support/language';
import { sharedDemoProduct } from './support/shared-product';

/**
 * The persona suites on one product started like `npm start` with the demo organisation: each suite used to
 * start its own (about 45 s each). Readers of the demo first, each main reading path in English and then in
 * Dutch (the persona's language switched for the run: the same figures, written the Dutch way, and Dutch
 * labels); the suites that change it after, in this order, and once (in English). A suite with both runs
 * its changing tests in its English run only, and its Dutch run before anything changed what it reads.
 */
const shared = sharedDemoProduct();

for (const lang of [ENGLISH, DUTCH]) executiveSuite(shared, lang);
for (const lang of [ENGLISH, DUTCH]) adoptionSuite(shared, lang);
// Dutch first: its reading does not depend on the best cases the English run saves as a phase target.
communitiesSuite(shared, DUTCH);
businessCaseSuite(shared, DUTCH);
changeManagerSuite(shared, DUTCH);
changeManagerSuite(shared, ENGLISH);
communitiesSuite(shared, ENGLISH);
businessCaseSuite(shared, ENGLISH);
connectorMaintainerSuite(shared, DUTCH);
connectorMaintainerSuite(shared, ENGLISH);
adminSettingsSuite(shared);
adminSuite(shared);
exportsSuite(shared);
dutchSuite(shared);
