// The product's name as what main shows says it: the messages that name the app take it as
// `{app}`, so that no sentence is built around it; alone (a notification's title at "count"
// privacy, the tray's tooltip with nothing unread) it is a name, the same in every language.
export const appName = 'TigerDesk';
