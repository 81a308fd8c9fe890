// Ctrl-C during training: the first SIGINT asks the loop to stop at its next check
// (so what ran so far is kept and reported); a second one exits at once.
let requested = false;
let installed = false;

export function watchInterrupt(): () => boolean {
  if (!installed) {
    installed = true;
    process.on('SIGINT', () => {
      if (requested) process.exit(130);
      requested = true;
      process.stderr.write('\ninterrupted: finishing what is running, then stopping (Ctrl-C again to quit now)\n');
    });
  }
  return () => requested;
}
