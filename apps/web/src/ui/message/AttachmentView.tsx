import type { Attachment, MessageContent } from '@parley/contract';
import { useState } from 'react';
import { DialogTrigger } from '../Dialog.tsx';
import { FileIcon } from '../icons.tsx';
import { durationLabel, fileSize, fileTypeLabel, fitInside, mediaKindOf } from './format.ts';
import { Lightbox } from './Lightbox.tsx';

type AttachmentViewProps = {
  attachment: Attachment;
  content: MessageContent | null;
  authorName: string;
};

const captionOf = (content: MessageContent | null) =>
  content && 'caption' in content ? content.caption : null;

/** One file as what it is: a picture, a player, a download card, or how its fetch stands. */
export function AttachmentView({ attachment, content, authorName }: AttachmentViewProps) {
  const kind = mediaKindOf(attachment, content);
  if (attachment.state === 'downloading') {
    return (
      <p className="media-status" data-state="downloading">
        <span className="media-status__bar" aria-hidden="true" />
        Downloading {kindWord[kind]}…
      </p>
    );
  }
  if (attachment.state === 'failed') {
    return (
      <p className="media-status media-status--failed" data-state="failed">
        Couldn’t get {kindWord[kind]}
        {attachment.failureReason ? `: ${attachment.failureReason}` : '.'}
      </p>
    );
  }
  switch (kind) {
    case 'image':
      return (
        <ImageThumbnail
          attachment={attachment}
          alt={captionOf(content) || `Photo from ${authorName}`}
        />
      );
    case 'sticker':
      return (
        <img
          className="media-sticker"
          src={attachment.thumbnailUrl ?? attachment.url}
          alt={`Sticker from ${authorName}`}
          width={128}
          height={128}
          loading="lazy"
        />
      );
    case 'audio':
      return (
        <AudioPlayer attachment={attachment} voice={content?.kind === 'audio' && content.voice} />
      );
    case 'video':
      return <VideoPlayer attachment={attachment} authorName={authorName} />;
    case 'document':
      return <DocumentCard attachment={attachment} />;
  }
}

const kindWord: Record<ReturnType<typeof mediaKindOf>, string> = {
  image: 'the photo',
  sticker: 'the sticker',
  audio: 'the audio',
  video: 'the video',
  document: 'the file',
};

const THUMBNAIL_BOX = 240;

function ImageThumbnail({ attachment, alt }: { attachment: Attachment; alt: string }) {
  const [open, setOpen] = useState(false);
  const size = fitInside(attachment.width, attachment.height, THUMBNAIL_BOX);
  return (
    <Lightbox
      src={attachment.url}
      alt={alt}
      name={attachment.name}
      open={open}
      onOpenChange={setOpen}
    >
      <DialogTrigger className="media-image" aria-label={`Open the photo: ${alt}`}>
        <img
          src={attachment.thumbnailUrl ?? attachment.url}
          alt={alt}
          width={size.width}
          height={size.height}
          loading="lazy"
        />
      </DialogTrigger>
    </Lightbox>
  );
}

function AudioPlayer({ attachment, voice }: { attachment: Attachment; voice: boolean }) {
  const [duration, setDuration] = useState<number | null>(null);
  const label = voice ? 'Voice message' : attachment.name;
  return (
    <figure className="media-audio">
      <figcaption className="media-audio__label">
        {label}
        {duration !== null ? (
          <span className="media-audio__duration"> · {durationLabel(duration)}</span>
        ) : null}
      </figcaption>
      <audio
        controls
        preload="metadata"
        src={attachment.url}
        aria-label={label}
        onLoadedMetadata={(event) => {
          const seconds = event.currentTarget.duration;
          // Some recordings (WebM, Ogg) report no length until played through.
          if (Number.isFinite(seconds)) setDuration(seconds);
        }}
      />
    </figure>
  );
}

function VideoPlayer({ attachment, authorName }: { attachment: Attachment; authorName: string }) {
  const size = fitInside(attachment.width, attachment.height, 320);
  return (
    <video
      className="media-video"
      controls
      preload="metadata"
      src={attachment.url}
      poster={attachment.thumbnailUrl ?? undefined}
      width={size.width}
      height={size.height}
      aria-label={`Video from ${authorName}`}
    />
  );
}

function DocumentCard({ attachment }: { attachment: Attachment }) {
  const type = fileTypeLabel(attachment.contentType, attachment.name);
  return (
    <a className="file-card" href={attachment.url} download={attachment.name}>
      <span className="file-card__icon" aria-hidden="true">
        <FileIcon size={22} />
      </span>
      <span className="file-card__text">
        <span className="file-card__name">{attachment.name}</span>
        <span className="file-card__meta">
          {fileSize(attachment.size)} · {type}
        </span>
      </span>
      <span className="visually-hidden">, download</span>
    </a>
  );
}
