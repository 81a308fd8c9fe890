// Whole iterations of full-batch gradient descent in one call, for small networks: forward,
// the divergence check, backward and the update, the same kernels in the same order as
// src/train/train.ts calls them one by one from JavaScript, so every number is the same bit
// for bit. What it saves is the crossings between JavaScript and WebAssembly (about twenty
// per iteration) and the sigmoid's loop in JavaScript: at the notebook's size ([2, 10, 5, 1],
// 300 examples) those are a large part of the iteration.
import { backwardLinear, backwardLinearRelu, linearForward, linearForwardRelu, outputGradient, update, weightGradients } from './kernels';
import { sigmoidBackward, sigmoidForward } from './exp';

// The plan the host writes (i32 words): L, m, X, Y, then for each layer l, PER words:
// n, k, W, b, Z, A, dZ, dA, dW, db, activation. Pointers are byte offsets.
const HEAD = 4;
const PER = 11;
// activation codes: 0 ReLU, 1 sigmoid
const RELU = 0;

@inline
function word(plan: usize, i: i32): i32 {
  return load<i32>(plan + (<usize>i << 2));
}

@inline
function field(plan: usize, l: i32, f: i32): usize {
  return <usize>word(plan, HEAD + l * PER + f);
}

// Runs up to `count` iterations at learning rate lr; returns how many ran. Fewer than count
// means the logits of the next one summed to a non-finite number (train.ts's finiteSum):
// that iteration's forward pass is left in the buffers and nothing of it is updated.
export function trainSteps(plan: usize, count: i32, lr: f64): i32 {
  const L = word(plan, 0);
  const m = word(plan, 1);
  const X = <usize>word(plan, 2);
  const Y = <usize>word(plan, 3);
  const nL = <i32>field(plan, L - 1, 0);
  const logits = field(plan, L - 1, 4);
  for (let t = 0; t < count; t++) {
    let prev = X;
    for (let l = 0; l < L; l++) {
      const n = <i32>field(plan, l, 0);
      const Z = field(plan, l, 4);
      const A = field(plan, l, 5);
      if (<i32>field(plan, l, 10) == RELU) linearForwardRelu(field(plan, l, 2), field(plan, l, 3), prev, n, <i32>field(plan, l, 1), m, Z, A);
      else {
        linearForward(field(plan, l, 2), field(plan, l, 3), prev, n, <i32>field(plan, l, 1), m, Z);
        sigmoidForward(Z, A, n * m);
      }
      prev = A;
    }
    let s: f64 = 0;
    for (let j = 0; j < nL * m; j++) s += load<f64>(logits + (<usize>j << 3));
    if (!isFinite(s)) return t;
    outputGradient(field(plan, L - 1, 5), Y, nL * m, field(plan, L - 1, 6));
    for (let l = L - 1; l >= 0; l--) {
      const n = <i32>field(plan, l, 0);
      const k = <i32>field(plan, l, 1);
      const dZ = field(plan, l, 6);
      weightGradients(dZ, l == 0 ? X : field(plan, l - 1, 5), n, k, m, field(plan, l, 8), field(plan, l, 9));
      if (l > 0) {
        const dA = field(plan, l - 1, 7);
        const A = field(plan, l - 1, 5);
        if (<i32>field(plan, l - 1, 10) == RELU) backwardLinearRelu(field(plan, l, 2), dZ, n, k, m, dA, A, field(plan, l - 1, 6));
        else {
          backwardLinear(field(plan, l, 2), dZ, n, k, m, dA);
          sigmoidBackward(dA, A, field(plan, l - 1, 6), k * m);
        }
      }
    }
    for (let l = 0; l < L; l++) {
      const n = <i32>field(plan, l, 0);
      update(field(plan, l, 2), field(plan, l, 8), lr, n * <i32>field(plan, l, 1));
      update(field(plan, l, 3), field(plan, l, 9), lr, n);
    }
  }
  return count;
}
