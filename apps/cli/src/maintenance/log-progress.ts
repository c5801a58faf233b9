/** How far through the log a command is, as the CLIs print it: `position P/H (N%)`. */
export const positionProgress = ({ position, head }: { position: number; head: number }): string =>
  `position ${position}/${head} (${head === 0 ? 100 : Math.floor((position / head) * 100)}%)`;
