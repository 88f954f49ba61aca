import { Box, Text } from 'ink';
import type { Line, Segment } from './segment.js';

export interface LinesProps {
  lines: readonly Line[];
  color: boolean;
}

/** One terminal row per line: long lines are cut, never wrapped, so the height stays as counted. */
export function Lines({ lines, color }: LinesProps) {
  return (
    <Box flexDirection="column">
      {lines.map((line, index) => (
        <Text key={index} wrap="truncate-end">
          {line.map((segment, part) => (
            <SegmentText key={part} segment={segment} color={color} />
          ))}
        </Text>
      ))}
    </Box>
  );
}

function SegmentText({ segment, color }: { segment: Segment; color: boolean }) {
  if (!color) return <Text>{segment.text}</Text>;
  return (
    <Text color={segment.tone} dimColor={segment.dim} bold={segment.bold}>
      {segment.text}
    </Text>
  );
}
