// The timeline's scroll box, handed to its rows so each can scroll itself into view there.
import { createContext, type RefObject } from 'react';

export const ScrollBox = createContext<RefObject<HTMLDivElement | null> | null>(null);
