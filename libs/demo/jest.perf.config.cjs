module.exports = require('../../jest.node.cjs').perfTests(__dirname);
