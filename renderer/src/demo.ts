// The demo terminal's operator PINs, shown on the sign-in screen in demo mode
// (the main process seeds the same operators; see the README).
export const demoPins = { cashier: '1111', manager: '9999' } as const;
