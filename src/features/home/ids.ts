export const HomeActions = {
  openNetwork: 'home_open_network',
} as const;
