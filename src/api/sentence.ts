/** A clause the core wrote ("the upload URL has expired") as a sentence of a message. */
export const sentence = (clause: string): string => `${clause.charAt(0).toUpperCase()}${clause.slice(1)}.`;
