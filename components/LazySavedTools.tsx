import type { ComponentProps, ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { SavedTools } from './SavedTools';

type Props = ComponentProps<typeof SavedTools>;

/** SavedTools loaded on first use: the exporters stay out of the code the popup needs to open. */
export function LazySavedTools(props: Props) {
  const [Tools, setTools] = useState<ComponentType<Props> | null>(null);
  useEffect(() => {
    let current = true;
    void import('./SavedTools').then((module) => current && setTools(() => module.SavedTools));
    return () => {
      current = false;
    };
  }, []);
  return Tools ? <Tools {...props} /> : null;
}
