import * as desk from '../../ui/icons.tsx';

// The desk's icons, drawn a little bolder to suit the widget's larger type.

type IconProps = { size?: number };

export const ChatBubbleIcon = ({ size = 20 }: IconProps) => (
  <desk.ChatIcon size={size} strokeWidth={2} />
);
export const SendIcon = ({ size = 18 }: IconProps) => <desk.SendIcon size={size} strokeWidth={2} />;
export const AlertIcon = ({ size = 16 }: IconProps) => (
  <desk.AlertIcon size={size} strokeWidth={2} />
);
export const CheckIcon = ({ size = 16 }: IconProps) => (
  <desk.CheckIcon size={size} strokeWidth={2} />
);
