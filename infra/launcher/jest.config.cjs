module.exports = require('../../jest.node.cjs').nodeJestConfig(__dirname);
