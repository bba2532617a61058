module.exports = require('../../jest.node.cjs').unitTests(__dirname);
