// The Initialization notebook, cell by cell, with initlab/notebook.
// Run it from the repository root:  npx tsx examples/notebook.ts
import {
  formatArray,
  initializeParametersHe,
  initializeParametersRandom,
  initializeParametersZeros,
  loadDataset,
  model,
  predict,
} from 'initlab/notebook';

// In [1]: load the blue/red dots in circles
const [trainX, trainY, testX, testY] = loadDataset();

// In [4]: zeros on a small network
let parameters = initializeParametersZeros([3, 2, 1]);
for (const key of ['W1', 'b1', 'W2', 'b2']) console.log(`${key} = ${formatArray(parameters[key])}`);

// In [5]: train with zeros
parameters = model(trainX, trainY, { initialization: 'zeros' });
console.log('On the train set:');
let predictionsTrain = predict(trainX, trainY, parameters);
console.log('On the test set:');
let predictionsTest = predict(testX, testY, parameters);

// In [6]: every prediction is 0
console.log(`predictions_train = ${formatArray(predictionsTrain, { integer: true })}`);
console.log(`predictions_test = ${formatArray(predictionsTest, { integer: true })}`);

// In [9]: large random values
parameters = initializeParametersRandom([3, 2, 1]);
for (const key of ['W1', 'b1', 'W2', 'b2']) console.log(`${key} = ${formatArray(parameters[key])}`);

// In [10]: train with random ×10 (the first cost prints inf, as in the notebook)
parameters = model(trainX, trainY, { initialization: 'random' });
console.log('On the train set:');
predictionsTrain = predict(trainX, trainY, parameters);
console.log('On the test set:');
predictionsTest = predict(testX, testY, parameters);

// In [11]: the predictions are no longer all 0 (the random ×10 run's)
console.log(formatArray(predictionsTrain, { integer: true }));
console.log(formatArray(predictionsTest, { integer: true }));

// In [14]: He on [2, 4, 1]
parameters = initializeParametersHe([2, 4, 1]);
for (const key of ['W1', 'b1', 'W2', 'b2']) console.log(`${key} = ${formatArray(parameters[key])}`);

// In [15]: train with He
parameters = model(trainX, trainY, { initialization: 'he' });
console.log('On the train set:');
predictionsTrain = predict(trainX, trainY, parameters);
console.log('On the test set:');
predictionsTest = predict(testX, testY, parameters);
