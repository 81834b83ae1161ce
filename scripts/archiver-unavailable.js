// Stands in for `archiver` in the bundles (scripts/bundle.js, scripts/jest-bundles.js). cdktf loads
// archiver and its ~90 modules on start only to zip TerraformAsset directories; no stack here has
// an asset, and leaving it out saves a sixth of cdktf's load time. Should one ever be added, this
// says why it fails instead of zipping.
module.exports = function archiver() {
  throw new Error('okta-log-streaming bundles cdktf without archiver: TerraformAsset is not supported (scripts/archiver-unavailable.js)');
};
