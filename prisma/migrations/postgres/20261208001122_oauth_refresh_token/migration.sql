-- CreateTable
CREATE TABLE "OAuthRefreshToken" (
    "configKey" TEXT NOT NULL,
    "refreshToken" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OAuthRefreshToken_pkey" PRIMARY KEY ("configKey")
);
