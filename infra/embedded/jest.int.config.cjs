// No shared stores: these tests start, stop and crash embedded stores themselves.
module.exports = require('../../jest.node.cjs').integrationTests(__dirname, { stores: false });
