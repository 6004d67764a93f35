// Loads a TensorFlow.js layers model from a folder with plain fs (pure JS: no tfjs-node), predicts,
// and saves the model again with TF.js's own writer.
// Usage: node tfjs-check.js MODEL_DIR INPUTS.json OUTPUTS.json RESAVE_DIR
// NODE_PATH must point at a node_modules folder holding @tensorflow/tfjs.
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');

/** An IOHandler that reads model.json and its weight shards from a folder. */
function folderLoader(dir) {
  return {
    load: async () => {
      const modelJson = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
      const weightSpecs = [];
      const buffers = [];
      for (const group of modelJson.weightsManifest) {
        weightSpecs.push(...group.weights);
        for (const p of group.paths) {
          buffers.push(fs.readFileSync(path.join(dir, p)));
        }
      }
      const all = Buffer.concat(buffers);
      return {
        modelTopology: modelJson.modelTopology,
        format: modelJson.format,
        generatedBy: modelJson.generatedBy,
        convertedBy: modelJson.convertedBy,
        weightSpecs,
        weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
      };
    },
  };
}

/** An IOHandler that writes model.json and one weights file, as TF.js's own savers lay them out. */
function folderSaver(dir) {
  return {
    save: async (artifacts) => {
      fs.mkdirSync(dir, { recursive: true });
      const data = Array.isArray(artifacts.weightData)
        ? Buffer.concat(artifacts.weightData.map((b) => Buffer.from(b)))
        : Buffer.from(artifacts.weightData);
      fs.writeFileSync(path.join(dir, 'model.weights.bin'), data);
      fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify({
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: ['model.weights.bin'], weights: artifacts.weightSpecs }],
      }));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    },
  };
}

async function main() {
  const [modelDir, inputsFile, outputsFile, resaveDir] = process.argv.slice(2);
  await tf.setBackend('cpu');
  const model = await tf.loadLayersModel(folderLoader(modelDir));
  const inputs = JSON.parse(fs.readFileSync(inputsFile, 'utf8'));
  const outputs = await model.predict(tf.tensor2d(inputs)).array();
  fs.writeFileSync(outputsFile, JSON.stringify({ outputs, version: tf.version.tfjs }));
  if (resaveDir) {
    await model.save(folderSaver(resaveDir));
  }
}

main().catch((e) => {
  console.error((e && e.stack) || String(e));
  process.exit(1);
});
