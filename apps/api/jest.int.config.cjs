module.exports = require('../../jest.node.cjs').integrationTests(__dirname);
