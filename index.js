// n8n loads this package through the `n8n.nodes` and `n8n.credentials` lists in package.json,
// which point at the compiled files in dist/. Nothing is exported from here.
module.exports = {};
